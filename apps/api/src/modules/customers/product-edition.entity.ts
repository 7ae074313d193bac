import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm'

/** A product edition; a higher rank is a higher edition (upgrades go up). */
@Entity('product_editions')
export class ProductEdition {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) name!: string
  @Column({ type: 'integer' }) rank!: number
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
}
